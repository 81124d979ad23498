import ArgumentParser

@main
struct Myotrace: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "myotrace",
        abstract: "Find, measure and track myoclonus in biosignal recordings.")
}
