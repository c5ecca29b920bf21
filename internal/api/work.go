package api

// workRoutes are the plans-and-tasks module's operations (internal/work):
// plans and targets, tasks and their events, figures, the inbox.
func (s *Server) workRoutes() []route {
	rs := s.planRoutes()
	rs = append(rs, s.taskRoutes()...)
	rs = append(rs, s.notificationSettingsRoutes()...)
	return append(rs, s.inboxRoutes()...)
}
