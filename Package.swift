// swift-tools-version: 6.1
import PackageDescription

// Layering (dependencies point down only):
//   myotrace (CLI)
//   MyoReport   – HTML/SVG reports
//   MyoStore    – the embedded store (SQLite through GRDB): people, recordings, analyses, diary, treatments, trends
//   MyoClinic   – knowledge base as data, intake, rules, red flags, assessment
//   MyoAnalysis – characterisation: origin, spread, rhythm, back-averaging, coherence, sleep scoring, clicks, hiccups
//   MyoDetect   – detectors (EMG bursts, silent periods, motion jerks and lapses), fusion, evaluation, simulation
//   MyoFormats  – readers and writers for recording files (EDF/BDF, WFDB, wearables, WAV, CSV)
//   MyoSignal   – signals, recordings, channel kinds and DSP blocks; no I/O, no third-party code
let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "Myotrace",
    products: [
        .library(name: "MyoSignal", targets: ["MyoSignal"]),
        .library(name: "MyoFormats", targets: ["MyoFormats"]),
        .library(name: "MyoDetect", targets: ["MyoDetect"]),
        .library(name: "MyoAnalysis", targets: ["MyoAnalysis"]),
        .library(name: "MyoClinic", targets: ["MyoClinic"]),
        .library(name: "MyoStore", targets: ["MyoStore"]),
        .library(name: "MyoReport", targets: ["MyoReport"]),
        .executable(name: "myotrace", targets: ["myotrace"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    ],
    targets: [
        .target(name: "MyoSignal", swiftSettings: strict),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .target(name: "MyoFormats", dependencies: ["MyoSignal", "CZlib"], swiftSettings: strict),
        .target(name: "MyoDetect", dependencies: ["MyoSignal", "MyoFormats"], swiftSettings: strict),
        .target(name: "MyoAnalysis", dependencies: ["MyoSignal", "MyoFormats", "MyoDetect"], swiftSettings: strict),
        .target(
            name: "MyoClinic", dependencies: ["MyoAnalysis"],
            resources: [.copy("Knowledge")], swiftSettings: strict),
        .target(
            name: "MyoStore",
            dependencies: ["MyoDetect", "MyoAnalysis", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict),
        .target(name: "MyoReport", dependencies: ["MyoSignal", "MyoDetect", "MyoAnalysis", "MyoClinic", "MyoStore"], swiftSettings: strict),
        .executableTarget(
            name: "myotrace",
            dependencies: [
                "MyoSignal", "MyoFormats", "MyoDetect", "MyoAnalysis", "MyoClinic", "MyoStore", "MyoReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict),
        .executableTarget(name: "MyoBench", dependencies: ["MyoSignal", "MyoFormats", "MyoDetect", "MyoAnalysis", "MyoStore"], swiftSettings: strict),
        // Locating the repository and the shared public recordings, for every test target.
        .target(name: "MyoTestSupport", path: "Tests/MyoTestSupport", swiftSettings: strict),
        .testTarget(name: "MyoSignalTests", dependencies: ["MyoSignal", "MyoTestSupport"], swiftSettings: strict),
        .testTarget(name: "MyoFormatsTests", dependencies: ["MyoFormats", "MyoTestSupport"], swiftSettings: strict),
        .testTarget(name: "MyoDetectTests", dependencies: ["MyoDetect", "MyoFormats", "MyoTestSupport"], swiftSettings: strict),
        .testTarget(name: "MyoAnalysisTests", dependencies: ["MyoAnalysis", "MyoDetect", "MyoFormats", "MyoTestSupport"], swiftSettings: strict),
        .testTarget(name: "MyoClinicTests", dependencies: ["MyoClinic", "MyoTestSupport"], swiftSettings: strict),
        .testTarget(name: "MyoStoreTests", dependencies: ["MyoStore", "MyoDetect", "MyoTestSupport"], swiftSettings: strict),
        .testTarget(name: "MyoReportTests", dependencies: ["MyoReport", "MyoAnalysis"], swiftSettings: strict),
        .testTarget(name: "MyotraceCLITests", dependencies: ["myotrace", "MyoTestSupport"], swiftSettings: strict),
    ]
)
