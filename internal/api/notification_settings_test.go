package api

import (
	"testing"

	"congvu/internal/store"
	"congvu/internal/store/storetest"
)

// TestNotificationSettingsScenarios: each caller reads and sets only their
// own e-mail choices; a bad body is a 400 naming the field.
func TestNotificationSettingsScenarios(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		_, mux := newTestServer(t, db, nil)
		const p = "/api/v1/me/notification-settings"
		runScenarios(t, f, mux, []scenario{
			{name: "anonymous", method: "GET", path: p, status: 401},
			{name: "defaults", method: "GET", path: p, who: "official", status: 200, want: `"dossier_due_soon":true`},
			{name: "every kind is on by default", method: "GET", path: p, who: "official", status: 200, want: `"task_update":true`, absent: "false"},
			{name: "turn one off", method: "PUT", path: p, who: "official", status: 200, body: `{"email":{"dossier_due_soon":false}}`, want: `"dossier_due_soon":false`},
			{name: "the rest keep theirs", method: "GET", path: p, who: "official", status: 200, want: `"dossier_forwarded":true`},
			{name: "kept", method: "GET", path: p, who: "official", status: 200, want: `"dossier_due_soon":false`},
			{name: "another person's are their own", method: "GET", path: p, who: "clerk", status: 200, want: `"dossier_due_soon":true`},
			{name: "unknown kind", method: "PUT", path: p, who: "official", status: 400, body: `{"email":{"dossier_due_soon":true,"khac":true}}`, want: `"field":"email.khac"`},
			{name: "nothing half written", method: "GET", path: p, who: "official", status: 200, want: `"dossier_due_soon":false`},
			{name: "not a boolean", method: "PUT", path: p, who: "official", status: 400, body: `{"email":{"digest":"có"}}`, want: `"field":"email"`},
			{name: "no map", method: "PUT", path: p, who: "official", status: 400, body: `{}`, want: `"field":"email"`},
			{name: "unknown field", method: "PUT", path: p, who: "official", status: 400, body: `{"sms":{}}`, want: `"code":"invalid"`},
		})
	})
}
