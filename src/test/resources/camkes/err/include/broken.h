/* A header with a syntax error: the error must point here, not at the including file. */
component Broken {
    control
}
