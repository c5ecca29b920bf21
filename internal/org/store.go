package org

import (
	"context"

	"congvu/internal/audit"
)

// Store keeps the organisation. Methods return *apperr.Error with NotFound
// for a missing object, Invalid for bad input and Conflict for a duplicate
// identifier; anything else is internal. Every write is journalled by the
// store in the same transaction, with the actor given.
type Store interface {
	// Tree returns a snapshot of all units, current and past.
	Tree(ctx context.Context) (*Tree, error)
	FindUnits(ctx context.Context, f UnitFilter) ([]Unit, error)
	FindUnitByID(ctx context.Context, id int64) (Unit, error)
	CreateUnit(ctx context.Context, actor audit.Actor, n NewUnit) (Unit, error)
	// Restructure applies a restructuring and returns its id.
	Restructure(ctx context.Context, actor audit.Actor, r Restructuring) (int64, error)

	FindPeople(ctx context.Context, f PersonFilter) ([]Person, error)
	FindPersonByID(ctx context.Context, id int64) (Person, error)
	// FindPersonWithoutMemberships is FindPersonByID for a caller that
	// needs only the person's own fields: one query instead of two.
	FindPersonWithoutMemberships(ctx context.Context, id int64) (Person, error)
	CreatePerson(ctx context.Context, actor audit.Actor, n NewPerson) (Person, error)
	AddMembership(ctx context.Context, actor audit.Actor, n NewMembership) (Membership, error)
	EndMembership(ctx context.Context, actor audit.Actor, id int64, lastDay string) error
	// Memberships returns a person's memberships valid on the date.
	Memberships(ctx context.Context, personID int64, on string) ([]Membership, error)

	CreateDelegation(ctx context.Context, actor audit.Actor, d Delegation) (Delegation, error)
	// FindDelegations lists delegations, newest first.
	FindDelegations(ctx context.Context, f DelegationFilter) ([]Delegation, error)
	FindDelegationByID(ctx context.Context, id int64) (Delegation, error)
	// RevokeDelegation ends a delegation now; Conflict when it is already
	// revoked or has ended.
	RevokeDelegation(ctx context.Context, actor audit.Actor, id int64) (Delegation, error)
	// DelegationsTo returns the delegations to a person in force at the instant (microseconds).
	ActiveDelegationsTo(ctx context.Context, personID int64) ([]Delegation, error)
}
