import { chromium } from 'playwright-core';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox'] });
const p = await b.newPage({ viewport: { width: 1200, height: 900 } });
const f = process.argv[2];
await p.goto('file://' + f);
await p.screenshot({ path: '/tmp/scr/report.png', fullPage: true });
await b.close();
