package dossier

import (
	"reflect"
	"testing"
	"time"
)

func TestPublicSupplements(t *testing.T) {
	at := func(h int) time.Time { return time.Date(2026, 3, 2, h, 0, 0, 0, time.UTC) }
	ask := func(h int, reason string, days int) Event {
		return Event{Action: RequestSupplement, At: at(h), Reason: reason, SupplementDays: days}
	}
	got := func(h int) Event { return Event{Action: ReceiveSupplement, At: at(h)} }
	cases := []struct {
		name string
		evs  []Event
		want []SupplementAsk
	}{
		{"none", []Event{{Action: Receive, At: at(1)}, {Action: Forward, At: at(2)}}, nil},
		{"awaited, one paper a line", []Event{ask(3, " Bản sao giấy phép \n\n Sơ đồ vị trí\n", 5)},
			[]SupplementAsk{{At: at(3), Asked: []string{"Bản sao giấy phép", "Sơ đồ vị trí"}, Days: 5}}},
		{"answered, then asked again", []Event{ask(3, "Bản sao giấy phép", 0), got(4), ask(5, "Bản chính tờ khai", 2)},
			[]SupplementAsk{{At: at(3), Asked: []string{"Bản sao giấy phép"}, Received: at(4)}, {At: at(5), Asked: []string{"Bản chính tờ khai"}, Days: 2}}},
		{"a receipt answers the open request only", []Event{got(2), ask(3, "A", 0), got(4), got(6)},
			[]SupplementAsk{{At: at(3), Asked: []string{"A"}, Received: at(4)}}},
	}
	for _, c := range cases {
		if g := PublicSupplements(c.evs); !reflect.DeepEqual(g, c.want) {
			t.Errorf("%s: %+v, want %+v", c.name, g, c.want)
		}
	}
}
