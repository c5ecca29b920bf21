package demo

import (
	"context"
	"fmt"

	"congvu/internal/org"
)

// MergerDate is the first day of the new Sở Tài chính (DOMAIN.md §0).
const MergerDate = "2025-03-01"

// The decision numbers below are illustrative: they have the form of the
// real decisions but are not their numbers.
const (
	mergerDecision = "Quyết định số 16/QĐ-UBND ngày 28/02/2025 của UBND tỉnh Bắc Ninh"
	officeDecision = "Quyết định số 05/QĐ-STC ngày 01/03/2025 của Giám đốc Sở Tài chính tỉnh Bắc Ninh"
	renameDecision = "Quyết định số 112/QĐ-STC ngày 25/06/2025 của Giám đốc Sở Tài chính tỉnh Bắc Ninh"
)

// restructure replays 2025 in three steps, each recorded as a restructuring:
// the merger of the two departments, the merger of their two offices that
// follows it, and (illustratively) the renaming of the business
// registration division on 01/07/2025.
func (s *seeder) restructure(ctx context.Context) error {
	province := s.units[uProvince]
	// The store moves the leadership's memberships and every current
	// division of both departments under the one successor.
	if err := s.apply(ctx, uFinance, org.Restructuring{
		Kind:        org.Merge,
		EffectiveOn: MergerDate,
		Decision:    mergerDecision,
		Note: "Hợp nhất Sở Kế hoạch và Đầu tư và Sở Tài chính thành Sở Tài chính theo chủ trương sắp xếp tổ chức bộ máy " +
			"(Nghị quyết số 18-NQ/TW); Sở Tài chính kế thừa chức năng, nhiệm vụ của hai sở.",
		Sources:  []int64{s.units[uPlanning], s.units[uFinOld]},
		NewUnits: []org.NewUnit{{ParentID: &province, Kind: org.KindAgency, Code: financeCode, Name: "Sở Tài chính tỉnh Bắc Ninh", ShortName: "Sở TC"}},
	}); err != nil {
		return err
	}
	finance := s.units[uFinance]
	// Two offices under one department make no sense; they become one.
	if err := s.apply(ctx, "stc.vp", org.Restructuring{
		Kind:        org.Merge,
		EffectiveOn: MergerDate,
		Decision:    officeDecision,
		Note:        "Hợp nhất Văn phòng Sở Kế hoạch và Đầu tư và Văn phòng Sở Tài chính.",
		Sources:     []int64{s.units["khdt.vp"], s.units["tc.vp"]},
		NewUnits:    []org.NewUnit{{ParentID: &finance, Kind: org.KindDivision, Name: "Văn phòng", ShortName: "VP"}},
	}); err != nil {
		return err
	}
	// Illustrative: shows a rename, which ends the division and opens its
	// successor with the same people.
	return s.apply(ctx, "stc.dkkd", org.Restructuring{
		Kind:        org.Rename,
		EffectiveOn: "2025-07-01",
		Decision:    renameDecision,
		Sources:     []int64{s.units["khdt.dkkd"]},
		NewUnits: []org.NewUnit{{ParentID: &finance, Kind: org.KindDivision,
			Name: "Phòng Đăng ký kinh doanh và Hộ kinh doanh", ShortName: "ĐKKD&HKD"}},
	})
}

// apply runs a restructuring with one successor and records the
// successor's id under key. Restructure returns only the restructuring's
// id, so the successor is read back from the first source's links.
func (s *seeder) apply(ctx context.Context, key string, r org.Restructuring) error {
	if _, err := s.db.Restructure(ctx, actor, r); err != nil {
		return fmt.Errorf("restructure (%s): %w", r.Decision, err)
	}
	src, err := s.db.FindUnitByID(ctx, r.Sources[0])
	if err != nil {
		return err
	}
	if len(src.Successors) != 1 {
		return fmt.Errorf("restructure (%s): %d successors, want 1", r.Decision, len(src.Successors))
	}
	s.units[key] = src.Successors[0]
	return nil
}
