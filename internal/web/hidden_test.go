package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// samePage checks that a page about something the user may not see is
// the page about something that does not exist, once the names of the one
// are written as those of the other (pairs: hidden, missing): a 403 would
// tell that it exists.
func samePage(t *testing.T, hidden, missing response, names ...string) {
	t.Helper()
	hb := strings.NewReplacer(names...).Replace(hidden.body)
	mb := missing.body
	if hidden.status != http.StatusNotFound || hidden.status != missing.status || hb != mb {
		hl, ml := strings.Split(hb, "\n"), strings.Split(mb, "\n")
		for i := range min(len(hl), len(ml)) {
			if hl[i] != ml[i] {
				t.Errorf("hidden %d, missing %d; the pages differ at line %d:\n%s\n%s", hidden.status, missing.status, i+1, hl[i], ml[i])
				return
			}
		}
		t.Errorf("hidden %d, missing %d; the pages differ in length (%d, %d lines)", hidden.status, missing.status, len(hl), len(ml))
	}
}

func TestHiddenDossierPageIsNotFound(t *testing.T) {
	a := newApp(t)
	addFixtureProcedure(t, a)
	clerk, official := a.login(t, "motcua"), a.login(t, "chuyenvien")
	code, _ := receive(t, clerk, "Phạm Thị Thu Hương")
	missing := code[:len(code)-4] + "9999"
	for _, path := range []string{"/dossiers/%s", "/dossiers/%s/forms/receipt.pdf"} {
		samePage(t, official.do("GET", strings.Replace(path, "%s", code, 1), nil, false),
			official.do("GET", strings.Replace(path, "%s", missing, 1), nil, false), code, missing)
	}
	ev := url.Values{"action": {"forward"}, "version": {"1"}}
	samePage(t, official.do("POST", "/dossiers/"+code+"/events", ev, true), official.do("POST", "/dossiers/"+missing+"/events", ev, true), code, missing)
}

func TestHiddenTaskPageIsNotFound(t *testing.T) {
	w := newTaskWorld(t)
	id := w.createTask(t, w.taskForm("Báo cáo tình hình giải ngân"))
	n, _ := strconv.Atoi(id)
	missing := strconv.Itoa(n + 1000)
	names := []string{"%2ftasks%2f" + id, "%2ftasks%2f" + missing, "số " + id, "số " + missing}
	samePage(t, w.other.do("GET", "/tasks/"+id, nil, false), w.other.do("GET", "/tasks/"+missing, nil, false), names...)
	ev := url.Values{"action": {"start"}, "version": {"1"}}
	samePage(t, w.other.do("POST", "/tasks/"+id+"/events", ev, true), w.other.do("POST", "/tasks/"+missing+"/events", ev, true), names...)
}
