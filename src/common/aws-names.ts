/** An AWS region name such as `us-east-1` or `ap-southeast-4`. */
export const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d+$/;
