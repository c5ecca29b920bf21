// Package investment is the public-investment register of a provincial
// department (Luật Đầu tư công 58/2024/QH15): the investors (chủ đầu tư:
// project-management boards, communes, departments), their projects with
// the total investment by capital source, the sector band of Art 9 and the
// project group (quan trọng quốc gia / A / B / C, Art 8–11) computed from
// thresholds kept as data keyed by law version (group.go), and every change
// to a project as an event with its decision (event.go). Who may see,
// manage and report on a project is in permissions.go.
//
// The package is pure: no SQL, no HTTP; dates come in as values.
package investment
