package investment

// This file stands in for invcore's Source until wt-invcore is merged; it
// is deleted by that merge's commit.

// Source is a capital source (nguồn vốn).
type Source string

// The capital sources.
const (
	SourceCentral    Source = "central"
	SourceProvincial Source = "provincial"
	SourceCommune    Source = "commune"
	SourceODA        Source = "oda"
	SourceOther      Source = "other"
)

// Sources lists every capital source.
var Sources = []Source{SourceCentral, SourceProvincial, SourceCommune, SourceODA, SourceOther}
