// `npm run tools`: make sure the Temporal CLI and the time-skipping test server are available.
import { resolveTemporalBinary } from '../platform/temporal-binaries';

const cli = resolveTemporalBinary('cli');
const testServer = resolveTemporalBinary('test-server');
if (!cli || !testServer) process.exitCode = 1;
