package store

import "time"

// vn is Vietnam's time (UTC+7, no daylight saving since 1975): "today" for
// validity intervals is today in Hà Nội, not in UTC.
var vn = time.FixedZone("ICT", 7*3600)
