"""Every write to the council's record, one module per subject: `members` (members,
committees), `sessions` (planning, extension, agenda to the governor, convocation, closing),
`agenda` (items and their documents), `extraordinary` (requests for an extraordinary
session), `questions` (written questions), `convocations` (the convocation PDFs and
messages). Callers import from the submodules. Every service takes keyword-only arguments and
`actor`, runs in one transaction, checks the policy, audits its writes, and raises a
ValidationError citing the article when the law says no; then nothing is written.
"""
