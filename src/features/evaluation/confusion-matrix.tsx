// The identification confusion matrix, readable for up to ~100 people: rows sorted by how often
// the person is named wrongly, a scrollable heat map, and the option to show only people with
// mistakes.

import { useMemo, useState } from 'react';
import type { StoredEvaluation } from '../../storage/evaluation-repo';

export function ConfusionMatrix({ stored }: { stored: StoredEvaluation }) {
  const { classes, counts } = stored.evaluation.confusion;
  const [onlyMistakes, setOnlyMistakes] = useState(classes.length > 20);
  const rows = useMemo(() => {
    const list = classes.map((label, r) => {
      const row = counts[r] ?? [];
      const total = row.reduce((a, b) => a + b, 0);
      const correct = row[r] ?? 0;
      return { label, r, total, wrong: total - correct };
    });
    return list
      .filter((row) => !onlyMistakes || row.wrong > 0)
      .sort((a, b) => b.wrong / Math.max(1, b.total) - a.wrong / Math.max(1, a.total));
  }, [classes, counts, onlyMistakes]);
  const columns = onlyMistakes
    ? rows
    : classes.map((label, r) => ({ label, r, total: 0, wrong: 0 }));
  const name = (label: number) => stored.identities[label] ?? `#${label}`;

  return (
    <section className="panel" aria-label="Confusion matrix">
      <h2>Who is mistaken for whom</h2>
      <label className="row">
        <input
          type="checkbox"
          checked={onlyMistakes}
          onChange={(e) => setOnlyMistakes(e.target.checked)}
        />{' '}
        Only people with mistakes
      </label>
      {rows.length === 0 ? (
        <p className="muted">No identification mistakes on the test photos.</p>
      ) : (
        <div className="confusion-scroll">
          <table className="confusion">
            <thead>
              <tr>
                <th scope="col">true ↓ / named →</th>
                {columns.map((c) => (
                  <th key={c.label} scope="col" className="rotated">
                    <span>{name(c.label)}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.label}>
                  <th scope="row">
                    {name(row.label)} ({row.total - row.wrong}/{row.total})
                  </th>
                  {columns.map((c) => {
                    const value = counts[row.r]?.[c.r] ?? 0;
                    const share = row.total ? value / row.total : 0;
                    const right = c.r === row.r;
                    return (
                      <td
                        key={c.label}
                        title={`${name(row.label)} named ${name(c.label)}: ${value}`}
                        style={{
                          background: value
                            ? right
                              ? `rgba(46,125,50,${0.15 + share * 0.85})`
                              : `rgba(164,38,44,${0.15 + share * 0.85})`
                            : undefined,
                        }}
                      >
                        {value || ''}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
