package web

import (
	"net/http"
	"strconv"
	"strings"

	"congvu/internal/file"
	"congvu/internal/store"
	"congvu/internal/work"
)

// A plan's files: the evidence (minh chứng) of its targets' actuals and its
// decisions, attached by whoever may report actuals (task.create on the
// plan's unit), read by whoever may see the plan.

func planFiles(p work.Plan) fileRecord {
	id := strconv.FormatInt(p.ID, 10)
	return fileRecord{kind: file.KindPlan, id: id, page: "/plans/" + id}
}

// planSlots are the evidence of each target, then a decision.
func planSlots(p work.Plan) []string {
	var out []string
	for _, t := range p.Targets {
		out = append(out, file.SlotEvidence+":"+strconv.FormatInt(t.ID, 10))
	}
	return append(out, file.SlotDecision)
}

// planSlotLabel names a plan's slot: "Minh chứng: <target>".
func planSlotLabel(lang string, p work.Plan, slot string) string {
	if id, ok := strings.CutPrefix(slot, file.SlotEvidence+":"); ok {
		for _, t := range p.Targets {
			if strconv.FormatInt(t.ID, 10) == id {
				return T(lang, "files.slot.evidence.of", t.Name)
			}
		}
	}
	return slotLabel(lang, slot, nil)
}

// planAttachments is the list of a plan's files for its page.
func (s *Server) planAttachments(r *http.Request, b *BasePage, d store.PlanDetail, canReport bool) (*Attachments, error) {
	rec := planFiles(d.Plan)
	action := ""
	if canReport {
		action = rec.page + "/files"
	}
	return s.attachmentsNamed(r, b, rec.kind, rec.id, action, planSlots(d.Plan), func(slot string) string { return planSlotLabel(b.Lang, d.Plan, slot) })
}

// changeablePlan is the plan of the path if the user may report on it.
func (s *Server) changeablePlan(w http.ResponseWriter, r *http.Request) (work.Plan, error) {
	b, err := s.base(w, r, "plan.title")
	if err != nil {
		return work.Plan{}, err
	}
	d, err := s.visiblePlan(r, &b)
	if err != nil {
		return d.Plan, err
	}
	return d.Plan, s.authorize(&b, work.CreateTask, d.Plan.OwnerUnitID)
}

func (s *Server) handlePlanFileUpload(w http.ResponseWriter, r *http.Request) error {
	p, err := s.changeablePlan(w, r)
	if err != nil {
		return err
	}
	return s.attachTo(w, r, planFiles(p))
}

func (s *Server) handlePlanFileRemove(w http.ResponseWriter, r *http.Request) error {
	p, err := s.changeablePlan(w, r)
	if err != nil {
		return err
	}
	return s.removeFrom(w, r, planFiles(p), "lid")
}
