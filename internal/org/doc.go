// Package org models the agency: units in a tree with validity intervals and
// successors, people, their memberships and roles, and delegation.
//
// Vietnamese administration is restructured often (on 01/03/2025 the
// Department of Planning and Investment, Sở Kế hoạch và Đầu tư, was merged
// into the Department of Finance, Sở Tài chính; on 01/07/2025 Bắc Ninh and Bắc
// Giang became one province). A unit is therefore never edited into another:
// it ends, and its successors begin, through a Restructuring that is recorded
// as an event of its own, so that statistics over several years can roll old
// units up into the units that carry on their work.
//
// Each unit carries its electronic identifier (mã định danh điện tử) in the
// four-group form CCC.BB.AA.Hnn of QĐ 20/2020/QĐ-TTg.
package org
