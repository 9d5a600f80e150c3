"""The rectification ledger (整改台账) after the meeting: lifecycle, status, reports, exports."""
