// Package file is congvu's one store of attachments (tệp đính kèm): the scans
// received with a dossier, its result and supplement documents, the reports
// and products of a task, the evidence of a plan target's actual, decision
// documents. A file is named by the SHA-256 of its content, so that the same
// bytes uploaded twice are kept once; its type is decided from the bytes,
// never from the name or the browser's word; records refer to it by id.
//
// The rules of who may read a file live here too (permissions.go): a file not
// yet attached is its uploader's alone; once attached it is read by whoever
// may read a record it belongs to. The package knows nothing of HTTP, SQL or
// where the bytes lie (see internal/blob for that).
package file
