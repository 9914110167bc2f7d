import type { Overlay } from '../app-state.js';
import { ExportScreen, metricExport, sqlExport } from './export/index.js';
import { BreakdownScreen } from './breakdown/index.js';
import { FilterScreen } from './filter/index.js';
import { FunnelScreen } from './funnel/index.js';
import { HelpScreen } from './help/index.js';
import { PromptScreen } from './prompt/index.js';
import { SqlScreen } from './sql/index.js';
import { WelcomeScreen } from './welcome/index.js';
import { WindowScreen } from './window/index.js';

/** The overlay on top of the current screen; only it reads keys while it shows. */
export function OverlaySwitch({ overlay, height }: { overlay: Overlay; height: number }) {
  switch (overlay.kind) {
    case 'help': return <HelpScreen height={height} />;
    case 'window': return <WindowScreen height={height} />;
    case 'prompt': return <PromptScreen key={overlay.field} field={overlay.field} height={height} />;
    case 'sql': return <SqlScreen result={overlay.result} height={height} />;
    case 'export': return <ExportScreen subject={metricExport(overlay.result)} height={height} />;
    case 'exportSql': return <ExportScreen subject={sqlExport(overlay.result)} height={height} />;
    case 'welcome': return <WelcomeScreen height={height} />;
    case 'filter': return <FilterScreen height={height} />;
    case 'breakdown': return <BreakdownScreen height={height} />;
    case 'funnel': return <FunnelScreen height={height} />;
  }
}
