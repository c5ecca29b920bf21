package calendar

import "math"

// The astronomy below follows Hồ Ngọc Đức's published method for the
// Vietnamese lunar calendar, itself built on Jean Meeus, "Astronomical
// Algorithms" (1998): truncated series for the mean new moon and the sun's
// apparent longitude, accurate to minutes, which is enough to place new moons
// and major solar terms (trung khí) on the right day from 1900 to 2199.
// Everything is evaluated at UTC+7: that one constant is what separates the
// Vietnamese calendar from the Chinese (UTC+8) in 1985, 2007, 2030 and others.
//
// Day numbers here are Julian day numbers (JDN): the integer day count whose
// day starts at local midnight once shifted by the time zone as below.

const (
	tzDays  = 7.0 / 24 // UTC+7 as a fraction of a day
	synodic = 29.530588853
	// jdnNewMoon1900 is the Julian day of the new moon of 1900-01-01 13:52 UT,
	// the k = 0 origin of newMoon.
	jdnNewMoon1900 = 2415021.076998695
)

// newMoon returns the Julian day (UT, fractional) of the k-th new moon after
// the new moon of 1900-01-01.
func newMoon(k int) float64 {
	const dr = math.Pi / 180
	kf := float64(k)
	t := kf / 1236.85 // Julian centuries from 1900 January 0.5
	t2 := t * t
	t3 := t2 * t
	jd1 := 2415020.75933 + 29.53058868*kf + 0.0001178*t2 - 0.000000155*t3
	jd1 += 0.00033 * math.Sin((166.56+132.87*t-0.009173*t2)*dr)
	m := 359.2242 + 29.10535608*kf - 0.0000333*t2 - 0.00000347*t3    // sun's mean anomaly
	mpr := 306.0253 + 385.81691806*kf + 0.0107306*t2 + 0.00001236*t3 // moon's mean anomaly
	f := 21.2964 + 390.67050646*kf - 0.0016528*t2 - 0.00000239*t3    // moon's argument of latitude
	c1 := (0.1734-0.000393*t)*math.Sin(m*dr) + 0.0021*math.Sin(2*dr*m)
	c1 = c1 - 0.4068*math.Sin(mpr*dr) + 0.0161*math.Sin(dr*2*mpr)
	c1 -= 0.0004 * math.Sin(dr*3*mpr)
	c1 = c1 + 0.0104*math.Sin(dr*2*f) - 0.0051*math.Sin(dr*(m+mpr))
	c1 = c1 - 0.0074*math.Sin(dr*(m-mpr)) + 0.0004*math.Sin(dr*(2*f+m))
	c1 = c1 - 0.0004*math.Sin(dr*(2*f-m)) - 0.0006*math.Sin(dr*(2*f+mpr))
	c1 = c1 + 0.0010*math.Sin(dr*(2*f-mpr)) + 0.0005*math.Sin(dr*(2*mpr+m))
	var deltaT float64 // ΔT = TT − UT, in days
	if t < -11 {
		deltaT = 0.001 + 0.000839*t + 0.0002261*t2 - 0.00000845*t3 - 0.000000081*t*t3
	} else {
		deltaT = -0.000278 + 0.000265*t + 0.000262*t2
	}
	return jd1 + c1 - deltaT
}

// sunLongitude returns the sun's apparent longitude, in radians within
// [0, 2π), at the Julian day jd (UT).
func sunLongitude(jd float64) float64 {
	const dr = math.Pi / 180
	t := (jd - 2451545.0) / 36525 // Julian centuries from J2000.0
	t2 := t * t
	m := 357.52910 + 35999.05030*t - 0.0001559*t2 - 0.00000048*t*t2 // mean anomaly
	l0 := 280.46645 + 36000.76983*t + 0.0003032*t2                  // mean longitude
	dl := (1.914600 - 0.004817*t - 0.000014*t2) * math.Sin(dr*m)
	dl += (0.019993-0.000101*t)*math.Sin(dr*2*m) + 0.000290*math.Sin(dr*3*m)
	l := (l0 + dl) * dr
	return l - 2*math.Pi*math.Floor(l/(2*math.Pi))
}

// newMoonDay returns the JDN of the local (UTC+7) day holding the k-th new moon.
func newMoonDay(k int) int64 {
	return int64(math.Floor(newMoon(k) + 0.5 + tzDays))
}

// sunSector returns which 30° sector (0–11) the sun is in at local midnight
// starting the day jdn; sector 9 begins at the winter solstice (270°).
func sunSector(jdn int64) int {
	return int(math.Floor(sunLongitude(float64(jdn)-0.5-tzDays) / math.Pi * 6))
}

// month11 returns the JDN of the first day of lunar month 11 of solar year y,
// the month that holds the winter solstice: the anchor of every lunar year.
func month11(y int) int64 {
	off := daysFromCivil(y, 12, 31) + epochJDN - 2415021
	k := int(math.Floor(float64(off) / synodic))
	nm := newMoonDay(k)
	if sunSector(nm) >= 9 { // the new moon is after the solstice: take the one before
		nm = newMoonDay(k - 1)
	}
	return nm
}

// leapOffset returns, for a year with 13 lunar months between the month 11
// starting at a11 and the next month 11, the position (1–12) after a11 of the
// leap month: the first month holding no major solar term.
func leapOffset(a11 int64) int {
	k := int(math.Floor((float64(a11)-jdnNewMoon1900)/synodic + 0.5))
	i := 1
	arc := sunSector(newMoonDay(k + i))
	for {
		last := arc
		i++
		arc = sunSector(newMoonDay(k + i))
		if arc == last || i >= 14 {
			break
		}
	}
	return i - 1
}

// monthK returns the new-moon index k of the lunar month starting on a11.
func monthK(a11 int64) int {
	return int(math.Floor((float64(a11)-jdnNewMoon1900)/synodic + 0.5))
}
