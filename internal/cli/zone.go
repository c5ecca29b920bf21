package cli

import "time"

// vnZone is Vietnam's time (UTC+7, no daylight saving), for "today".
var vnZone = time.FixedZone("ICT", 7*3600)
