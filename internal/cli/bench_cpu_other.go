//go:build !unix

package cli

import "time"

// processCPU is not measured here (0: the table leaves it out).
func processCPU() time.Duration { return 0 }
