"""The roles of trust, as the names of their Django groups: named here and nowhere else.

The migration that created the groups keeps its own copy of the names, as migrations record how
things were; renaming a role takes a new migration that renames its group.
"""

COORDINATOR = "coordinator"
FUND_COMMITTEE = "fund committee"
TREASURER = "treasurer"

# Every role of trust; each must use two-factor login.
ROLES_OF_TRUST = (COORDINATOR, FUND_COMMITTEE, TREASURER)
