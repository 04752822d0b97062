// A row of headline figures, each a card with its label, its value (`data-metric` names it for
// tests and tools) and a one-line meaning: the Evaluate screen's folder-v1 and open-set figures.

export interface MetricCard {
  label: string;
  value: string;
  hint: string;
}

export function MetricCardGrid({ cards, label }: { cards: MetricCard[]; label?: string }) {
  return (
    <div className="metric-cards" aria-label={label}>
      {cards.map((card) => (
        <div key={card.label} className="metric-card" title={card.hint}>
          <span className="metric-label">{card.label}</span>
          <strong className="metric-value" data-metric={card.label}>
            {card.value}
          </strong>
          <span className="muted small">{card.hint}</span>
        </div>
      ))}
    </div>
  );
}
