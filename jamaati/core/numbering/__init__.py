"""Gap-free yearly numbers per collectivity and series (case, complaint, information request,
civil-status act): one counter row, locked by its UPDATE until the numbering transaction
commits, so two filings never share a number and a rolled-back filing leaves no gap."""
