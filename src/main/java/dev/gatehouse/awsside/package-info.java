/**
 * The AWS side of an AWS application, generated and checked from the identity center: what each target account
 * needs (the SAML provider with this instance's metadata, the role with its trust policy), as a CloudFormation
 * template, Terraform or an AWS CLI script; the static pre-flight checks; and the decoder of AWS's sign-in and STS
 * errors.
 */
package dev.gatehouse.awsside;
