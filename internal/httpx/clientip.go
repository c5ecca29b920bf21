package httpx

import (
	"net"
	"net/http"
	"net/netip"
	"strings"

	"congvu/internal/config"
)

// Proxies are the reverse proxies (load balancers) congvu trusts to say,
// in X-Forwarded-For, which client they forward. Behind them every request
// comes from a proxy's address, so limits and logs would lump all clients
// together; in front of nothing, anyone could write the header and pick
// their own address, so it is believed only from these peers.
type Proxies struct {
	nets []netip.Prefix
}

// NewProxies trusts the given blocks (config.Config.Proxies).
func NewProxies(nets []netip.Prefix) Proxies { return Proxies{nets: nets} }

// ParseProxies reads a list as config.ParsePrefixes does.
func ParseProxies(list string) (Proxies, error) {
	nets, err := config.ParsePrefixes(list)
	return Proxies{nets: nets}, err
}

func (p Proxies) trusts(a netip.Addr) bool {
	a = a.Unmap()
	for _, n := range p.nets {
		if n.Contains(a) {
			return true
		}
	}
	return false
}

// ClientIP is the address a request came from: the peer, unless the peer
// is a trusted proxy, in which case the rightmost address of
// X-Forwarded-For that is not itself a trusted proxy (the leftmost ones
// are whatever the client chose to write).
func (p Proxies) ClientIP(r *http.Request) string {
	peer := peerIP(r)
	a, err := netip.ParseAddr(peer)
	if err != nil || len(p.nets) == 0 || !p.trusts(a) {
		return peer
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		h, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			return peer // a garbled chain: trust no part of it
		}
		if !p.trusts(h) {
			return h.Unmap().String()
		}
	}
	return peer
}

func peerIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
