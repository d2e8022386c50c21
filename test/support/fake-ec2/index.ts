export * from './fake-ec2.js';
export * from './fake-ec2-data.js';
export { serializeBody, responseDocument, errorDocument, EC2_XMLNS } from './ec2-xml.js';
