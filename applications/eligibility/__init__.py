"""Who may apply to which committee in which year, server-side, each refusal with a clear Chinese
reason (domain.md rules 1, 6, 7, 8, 9, 11, 12, 16, 18, 19, 20 and seed question 10).

One module per question, importers name the module that answers theirs:
- `problem`: `Problem`, one refusal and the cover field it belongs to;
- `counting`: the committee's month (rule 8) and the age and service years counted up to it;
- `person`: the person's standing (civil servants and retirement, rule 9; the integrity record,
  rule 1);
- `chances`: one application per level and year (rule 19) and the returns and resets of the year
  (rule 20);
- `window`: the committee's online window for the year (rules 6, 7);
- `facts`: the seed's other facts (secondment, rule 11; the post change, question 10; the major,
  rule 12);
- `skilled`: the special route by a skill grade (rule 16; 转系列评审, rule 18, is
  applications/series_change.py);
- `checks`: all of them together: `eligibility_issues` / `eligibility_problems` for a committee,
  `person_issues` for the kinds no committee decides.

`checks.eligibility_problems` is run when the cover is saved and again, under the row lock, at
submission (applications/submission.py)."""
