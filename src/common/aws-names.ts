/** An AWS region name such as `us-east-1` or `ap-southeast-4`. */
export const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/**
 * The longest instance type name any operation accepts. EC2's names are `family.size` and the longest
 * in the bundled catalog has 19 characters (`u7in-32tb.224xlarge`); 64 leaves room for names to come, while a longer
 * string cannot be one: it is a validation error, not an unknown type to look up.
 */
export const INSTANCE_TYPE_NAME_MAX_LENGTH = 64;
