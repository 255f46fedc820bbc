import ArgumentParser

@main
struct Gantry: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gantry",
        abstract: "Gantry: an open-source project management office.",
        discussion: """
            Run `gantry serve --demo` to try it with demo data on an embedded SQLite file (gantry.sqlite in the \
            working directory). For a real server, create the first administrator with \
            `gantry user add NAME --admin`, then `gantry serve`.

            Every setting can also come from the environment: GANTRY_DATABASE_URL, GANTRY_HOST, GANTRY_PORT, \
            GANTRY_LOG_LEVEL, GANTRY_COOKIES_SECURE. Flags win over the environment, the environment over defaults.
            """,
        version: Version.text,
        subcommands: [Serve.self, Migrate.self, UserCommand.self, TokenCommand.self, Demo.self, Version.self, Schedule.self, Level.self, Bench.self,
                      Verify.self, ImportCommand.self, ExportCommand.self, IntakeCommand.self, InboxCommand.self,
                      CapacityCommand.self, EVMCommand.self]
    )
}
