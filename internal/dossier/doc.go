// Package dossier models the one-stop administrative-procedure dossier (hồ sơ
// thủ tục hành chính) of a provincial department: the procedure catalogue,
// the national statuses, the actions that move a dossier between them, the
// deadline clock, the per-step time accounting printed on the process-control
// slip (phiếu kiểm soát quá trình giải quyết hồ sơ), the dossier code, the
// form sets, and the figures of the period report.
//
// Legal basis, kept as versioned data because it changed in 2025 (DOMAIN.md §0):
//   - the one-stop mechanism (cơ chế một cửa, một cửa liên thông): NĐ 61/2018/NĐ-CP
//     as amended by NĐ 107/2021/NĐ-CP until 30/06/2025, NĐ 118/2025/NĐ-CP from
//     01/07/2025;
//   - the forms: TT 01/2018/TT-VPCP (6 forms), replaced by TT 03/2025/TT-VPCP
//     (7 forms, adding the notice of stopping, Thông báo dừng giải quyết hồ sơ)
//     from 15/09/2025;
//   - the service-quality index of QĐ 766/QĐ-TTg (2022), of which the progress
//     score is computed here.
//
// A dossier is not stored as a mutable record but as its history: a list of
// Events, each an Action taken by someone at some instant. Replay folds the
// history into the current State; Apply checks and applies one new event. The
// package is pure: it takes the time and the working calendar as values, and
// imports nothing but the standard library and congvu's calendar, apperr,
// auth and org packages. Every error a user can cause is an *apperr.Error.
//
// The engine is general on purpose: a Procedure is a chain of Steps, each
// handled by a unit or a role with a budget in working days, so that the same
// machinery can later carry investment-policy and contractor-selection-plan
// appraisals.
package dossier
