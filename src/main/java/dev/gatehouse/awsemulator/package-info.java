/**
 * A local stand-in for an AWS account's side of SAML federation (IAM, STS, console sign-in), served on one port:
 * the composition root ({@code AwsEmulator}), the route table ({@code EmulatorRoutes}) and the settings
 * ({@code EmulatorConfig}). Sees the identity provider only as AWS does, through uploaded metadata and assertion
 * bytes; never imports the identity center's packages (checked by {@code ArchitectureTest}).
 */
package dev.gatehouse.awsemulator;
