// The local EC2 Query-API endpoint (test/support/fake-ec2, compiled by `tsc -p bench`) in its own
// process, so serving it does not share an event loop with the client being timed.
import { startFakeEc2 } from './.tmp/build/test/support/fake-ec2/index.js';

const ec2 = await startFakeEc2();
process.stdout.write(`${ec2.url}\n`);
process.once('SIGTERM', () => void ec2.close().then(() => process.exit(0)));
