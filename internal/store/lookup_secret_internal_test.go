package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// The lookup secret carries at least 60 bits, in groups of four for typing,
// from the alphabet without look-alikes.
func TestLookupSecretLength(t *testing.T) {
	s := newLookupSecret()
	plain := strings.ReplaceAll(s, "-", "")
	bits := float64(len(plain)) * math.Log2(float64(len(lookupAlphabet)))
	if bits < 60 {
		t.Errorf("%q carries %.1f bits, want at least 60", s, bits)
	}
	for i, g := range strings.Split(s, "-") {
		if len(g) != 4 && !(i == 3 && len(g) == 1) {
			t.Errorf("%q is not grouped XXXX-XXXX-XXXX-X", s)
		}
	}
	if strings.Trim(plain, lookupAlphabet) != "" || strings.ContainsAny(lookupAlphabet, "01OIL") {
		t.Errorf("%q has characters outside the alphabet or look-alikes", s)
	}
}

// Every character of the alphabet comes up as often as the others: a
// chi-squared test over 400,000 characters. The old secret took a random
// byte modulo 31, giving the first 8 characters 9/256 each and the others
// 8/256, a 12% excess that this test sees many times over (χ² about 1,100
// against a bound of 80 for 30 degrees of freedom; a fair draw exceeds 80
// about once in a million runs).
func TestLookupSecretUnbiased(t *testing.T) {
	counts := map[rune]int{}
	total := 0
	for total < 400_000 {
		for _, r := range strings.ReplaceAll(newLookupSecret(), "-", "") {
			counts[r]++
			total++
		}
	}
	if len(counts) != len(lookupAlphabet) {
		t.Fatalf("%d distinct characters, want %d", len(counts), len(lookupAlphabet))
	}
	expected := float64(total) / float64(len(lookupAlphabet))
	chi2 := 0.0
	for _, r := range lookupAlphabet {
		d := float64(counts[r]) - expected
		chi2 += d * d / expected
	}
	if chi2 > 80 {
		t.Errorf("χ² = %.0f over %d characters: the draw is biased (%v)", chi2, total, counts)
	}
}

// Secrets are stored keyed: the same secret hashes differently under
// another key; case, spaces and dashes do not matter when typed; and an
// older dossier's unsalted SHA-256 of an 8-character secret still matches.
func TestLookupSecretHash(t *testing.T) {
	a := &DB{lookupKey: []byte(strings.Repeat("a", LookupKeyLen))}
	b := &DB{lookupKey: []byte(strings.Repeat("b", LookupKeyLen))}
	s := newLookupSecret()
	ha, hb := a.hashLookupSecret(s), b.hashLookupSecret(s)
	if ha == hb || !strings.HasPrefix(ha, keyedPrefix) {
		t.Errorf("hashes under two keys: %s, %s", ha, hb)
	}
	sum := sha256.Sum256([]byte(strings.ReplaceAll(s, "-", "")))
	if strings.Contains(ha, hex.EncodeToString(sum[:])) {
		t.Error("the stored hash is the unkeyed SHA-256")
	}
	typed := " " + strings.ToLower(strings.ReplaceAll(s, "-", "")) + " "
	if !a.lookupSecretMatches(ha, s) || !a.lookupSecretMatches(ha, typed) || !a.lookupSecretMatches(ha, strings.ReplaceAll(s, "-", " ")) {
		t.Errorf("%q does not match as typed %q", s, typed)
	}
	if b.lookupSecretMatches(ha, s) || a.lookupSecretMatches(ha, newLookupSecret()) {
		t.Error("a wrong key or a wrong secret matched")
	}
	old := sha256.Sum256([]byte("K7QM2XPA"))
	oldHash := hex.EncodeToString(old[:])
	for _, typed := range []string{"K7QM2XPA", "k7qm2xpa", "K7QM-2XPA", " k7qm 2xpa"} {
		if !a.lookupSecretMatches(oldHash, typed) {
			t.Errorf("an older secret typed %q no longer matches", typed)
		}
	}
	if a.lookupSecretMatches(oldHash, "K7QM2XPB") || a.lookupSecretMatches(unknownSecretHash(), "") {
		t.Error("a wrong older secret matched")
	}
}

// Nodes starting at once on a new key file all end up with the same key.
func TestLoadLookupKeyAtOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "congvu.db.lookup-key")
	keys := make([][]byte, 8)
	errs := make([]error, 8)
	var wg sync.WaitGroup
	for i := range keys {
		wg.Add(1)
		go func() { defer wg.Done(); keys[i], errs[i] = LoadLookupKey(path) }()
	}
	wg.Wait()
	for i := range keys {
		if errs[i] != nil || !bytes.Equal(keys[i], keys[0]) || len(keys[i]) != LookupKeyLen {
			t.Fatalf("node %d: %x %v (first %x)", i, keys[i], errs[i], keys[0])
		}
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("key file: %v %v", fi.Mode(), err)
	}
	if _, err := ParseLookupKey("abcd"); err == nil {
		t.Error("a short key was accepted")
	}
}
