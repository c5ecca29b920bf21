package httpx

import (
	"context"

	"congvu/internal/audit"
	"congvu/internal/calendar"
	"congvu/internal/dossier"
)

// DossierStore keeps the one-stop catalogue and dossiers (see store/dossier*.go).
type DossierStore interface {
	CreateProcedureVersion(ctx context.Context, actor audit.Actor, p dossier.Procedure) (dossier.Procedure, error)
	FindProcedures(ctx context.Context, f dossier.ProcedureFilter) ([]dossier.Procedure, error)
	FindProcedureVersions(ctx context.Context, agencyID int64, code string) ([]dossier.Procedure, error)
	ProcedureInForce(ctx context.Context, agencyID int64, code string, on calendar.Date) (dossier.Procedure, error)
	ReceiveDossier(ctx context.Context, actor audit.Actor, in dossier.Intake) (dossier.Record, string, error)
	RecordDossierEvent(ctx context.Context, actor audit.Actor, code string, expectedVersion int, ev dossier.Event) (dossier.Record, error)
	RecordDossierEventOn(ctx context.Context, actor audit.Actor, checked dossier.Record, expectedVersion int, ev dossier.Event) (dossier.Record, error)
	FindDossierByCode(ctx context.Context, code string) (dossier.Record, error)
	FindDossierAtVersion(ctx context.Context, code string, version int) (dossier.Record, error)
	LookupDossier(ctx context.Context, code, secret string) (dossier.Record, error)
	ReissueLookupSecret(ctx context.Context, actor audit.Actor, code string) (string, error)
	RateDossier(ctx context.Context, code, secret string, score dossier.Satisfaction, comment string) error
	FindDossiers(ctx context.Context, f dossier.Filter) ([]dossier.Summary, error)
	// FindDossierPage is one keyset page of a list, with its capped total.
	FindDossierPage(ctx context.Context, f dossier.Filter) (dossier.Page, error)
	// FindDossierQueue is one keyset page of several lists merged (a
	// clerk's queue), with their capped total.
	FindDossierQueue(ctx context.Context, fs []dossier.Filter, after string, limit int, skipTotal bool) (dossier.Page, error)
	StatsUnits(ctx context.Context, unit int64) ([]int64, error)
	DossierReport(ctx context.Context, units []int64, from, to calendar.Date) (dossier.Report, error)
	DossierReportLines(ctx context.Context, unit int64, from, to calendar.Date) (byField, byUnit []dossier.ReportLine, err error)
}
