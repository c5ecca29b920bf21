package web

import "congvu/internal/access"

// inspectionPages are the pages of the agency's inspections of process
// adherence and of its lessons learned (internal/inspection), with who may
// use them (as the JSON API's routes).
func (s *Server) inspectionPages() []page {
	view := access.May("inspection.view", "director deputy_director inspector: agency")
	team := access.Parties("inspection.write", "inspector").
		Note("the inspection's own team (inspection.CanWrite): checked with one led by inspector@own; another inspector, or a leader who reads it, is 403")
	return []page{
		{"GET", "/inspections", access.May("inspection.view", "director deputy_director inspector: home").Note("the user's own agency's plan and inspections"), s.handleInspList},
		{"POST", "/inspections/plans", access.May("inspection.conduct", "inspector: home").Note("the user's own agency's plan of the year"), s.handleInspPlanCreate},
		{"POST", "/inspections", access.May("inspection.conduct", "inspector: agency").Note("the agency of the units inspected; the user leads it"), s.handleInspCreate},
		{"GET", "/inspections/{id}", view, s.handleInspView},
		{"GET", "/inspections/{id}/conclusion.pdf", view, s.handleInspPDF},
		{"GET", "/inspections/{id}/conclusion.docx", view, s.handleInspDOCX},
		{"POST", "/inspections/{id}/checks", team, s.handleInspCheck},
		{"POST", "/inspections/{id}/findings", team, s.handleInspFinding},
		{"POST", "/inspections/{id}/recommendations", team.Note("the recommendation becomes a task assigned by the user"), s.handleInspRecommendation},
		{"POST", "/inspections/{id}/conclusion", team, s.handleInspConclude},
		{"GET", "/lessons", access.May("lesson.view", "staff: home").Shows(access.May("lesson.view", "staff: agency")).Note("the user's own agency's lessons"), s.handleLessons},
		{"POST", "/lessons", access.May("lesson.write", "director deputy_director head deputy_head official clerk inspector: agency").
			Note("the agency of the record linked; another agency's record is 404"), s.handleLessonCreate},
	}
}
