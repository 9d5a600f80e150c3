"""Dates: the work calendar (holidays and 调休), deadline counting, the timeline of milestones,
the 四必谈 talk schedule, and working-day counts for the ledger."""
