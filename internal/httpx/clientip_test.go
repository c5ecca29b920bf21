package httpx

import (
	"net/http/httptest"
	"testing"
)

func TestClientIPThroughTrustedProxies(t *testing.T) {
	trusted, err := ParseProxies("10.0.0.0/8, 192.168.1.5, 2001:db8::/32")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name    string
		proxies Proxies
		peer    string
		xff     []string
		want    string
	}{
		{"no proxy trusted: the header is ignored", Proxies{}, "203.0.113.7:5000", []string{"198.51.100.1"}, "203.0.113.7"},
		{"an untrusted peer cannot spoof its address", trusted, "203.0.113.7:5000", []string{"198.51.100.1"}, "203.0.113.7"},
		{"a trusted proxy names its client", trusted, "10.1.2.3:5000", []string{"198.51.100.1"}, "198.51.100.1"},
		{"the rightmost untrusted hop, not what the client wrote", trusted, "10.1.2.3:5000", []string{"6.6.6.6, 198.51.100.1, 192.168.1.5"}, "198.51.100.1"},
		{"several headers are one list", trusted, "10.1.2.3:5000", []string{"6.6.6.6", "198.51.100.1"}, "198.51.100.1"},
		{"a trusted proxy without the header", trusted, "10.1.2.3:5000", nil, "10.1.2.3"},
		{"only proxies in the chain", trusted, "10.1.2.3:5000", []string{"10.9.9.9"}, "10.1.2.3"},
		{"a garbled chain is not believed", trusted, "10.1.2.3:5000", []string{"198.51.100.1, nonsense"}, "10.1.2.3"},
		{"IPv6 proxies", trusted, "[2001:db8::1]:443", []string{"2001:db9::7"}, "2001:db9::7"},
		{"an IPv4-mapped peer", trusted, "[::ffff:10.1.2.3]:5000", []string{"198.51.100.1"}, "198.51.100.1"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			r.RemoteAddr = tc.peer
			for _, h := range tc.xff {
				r.Header.Add("X-Forwarded-For", h)
			}
			if got := tc.proxies.ClientIP(r); got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
	if _, err := ParseProxies("10.0.0.0/33"); err == nil {
		t.Error("a bad block was accepted")
	}
	if _, err := ParseProxies("proxy.example"); err == nil {
		t.Error("a name was accepted")
	}
}
