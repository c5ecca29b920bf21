// Package httpx is the HTTP plumbing the HTML (web) and JSON (api) adapters
// share: who is asking (session or API token), in which language, the one
// table from error codes to statuses, request logging, panic recovery,
// security headers, rate limiting and Prometheus metrics.
package httpx
