// Package report turns domain data into documents: the one-stop forms of TT
// 01/2018/TT-VPCP and TT 03/2025/TT-VPCP as PDF (A5 forms, the A4 tracking
// book), spreadsheets as XLSX (generic tables and the period report Biểu
// II.06a/VPCP/KSTT), and event logs for process mining as XES (IEEE
// 1849-2016) and OCEL 2.0 JSON.
//
// The package knows nothing of SQL or HTTP: every writer takes plain values
// and writes to an io.Writer, so the web, the API and the command line can
// each serve the same bytes. Fonts are embedded (Liberation Serif, metric
// compatible with Times New Roman, the face NĐ 30/2020/NĐ-CP prescribes for
// administrative documents); nothing is fetched at run time.
//
// Output is deterministic: the PDF creation date comes from the data, so the
// same input gives the same bytes.
package report
