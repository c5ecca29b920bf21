package investment

// TEMPORARY (disbreport): stands for invcore's Source until wt-invcore is
// merged; removed then.

import "congvu/internal/fold"

// Source is a capital source.
type Source string

// Sources lists the capital sources.
var Sources = []Source{"central", "provincial", "commune", "oda", "other"}

var sourceLabels = map[Source]string{"central": "Ngân sách trung ương", "provincial": "Ngân sách tỉnh", "commune": "Ngân sách xã", "oda": "Vốn ODA", "other": "Vốn khác"}

// Label is the source's Vietnamese name.
func (s Source) Label() string { return sourceLabels[s] }

// ParseSource reads a source by its code or its name.
func ParseSource(v string) (Source, bool) {
	for _, s := range Sources {
		if fold.String(v) == string(s) || fold.String(v) == fold.String(s.Label()) {
			return s, true
		}
	}
	return "", false
}
