// Package auth is identity and permission: who the user is (passwords hashed
// with argon2id, server-side sessions, hashed API tokens, logins slowed
// down after repeated failures) and what they may do (one Policy that denies by default
// and scopes every grant by unit).
package auth
