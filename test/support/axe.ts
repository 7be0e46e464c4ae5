import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * axe-core's serious and critical violations on the page. The script is
 * evaluated through the DevTools protocol, so a Content-Security-Policy
 * that forbids inline scripts does not stop it.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate<{ violations: AxeViolation[] }>(`axe.run(document, { resultTypes: ['violations'] })`);
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Fails with every serious or critical violation, named with its elements. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} [${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 5)
          .join(', ')}]`,
    )
    .join('\n');
}
