import Testing
@testable import MyoAnalysis

@Test func moduleVersionIsSemantic() {
    #expect(MyoAnalysisModule.version.split(separator: ".").count == 3)
}
