package dev.gatehouse.awscli;

/** Ends a command with a message for stderr and an exit code (the AWS CLI shows credential_process's stderr). */
final class CliFailure extends RuntimeException {
    final int exitCode;

    CliFailure(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    static CliFailure signInAgain(String why) {
        return new CliFailure(3, why + " Sign in again: gatehouse aws login");
    }
}
