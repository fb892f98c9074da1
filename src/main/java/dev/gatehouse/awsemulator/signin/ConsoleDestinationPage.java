package dev.gatehouse.awsemulator.signin;

import dev.gatehouse.web.Chrome;

/** The page a federated sign-in lands on when its RelayState named an AWS console page. */
public record ConsoleDestinationPage(Chrome chrome, ConsoleDestination destination, String assumedRoleArn) {
}
