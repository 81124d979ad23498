import Foundation
import Testing
@testable import MyoClinic

@Suite("Clinical vignettes")
struct VignetteTests {
    static let vignettes: [Vignette] = {
        do {
            return try Vignette.load(try String(contentsOfFile: Clinic.vignettePath, encoding: .utf8), file: "vignettes.json")
        } catch { fatalError("vignettes do not load: \(error)") }
    }()

    @Test("At least 30 vignettes, each citing known sources, covering every candidate and every red flag")
    func coverage() {
        let v = Self.vignettes
        #expect(v.count >= 30)
        #expect(Set(v.map(\.id)).count == v.count)
        #expect(Set(v.map(\.expectedTop)) == Set(Clinic.requiredCandidates))
        #expect(Set(v.flatMap(\.expectedRedFlags)) == Set(Clinic.knowledge.redFlags.map(\.id)))
        #expect(v.contains { $0.findings != nil && $0.findings?.backAveragedTransient == true })
        #expect(v.contains { $0.findings?.rhythmic == true && $0.intake.sounds?.contains(.palateClicking) == true })
        let known = Set(Clinic.knowledge.sources.map(\.id))
        for vignette in v {
            let cited = vignette.source.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(!cited.isEmpty && cited.allSatisfy(known.contains), "\(vignette.id) cites \(cited)")
        }
    }

    @Test("The leading candidate and the red flags are the expected ones for every vignette", arguments: VignetteTests.vignettes.map(\.id))
    func vignette(id: String) throws {
        let v = try #require(Self.vignettes.first { $0.id == id })
        let a = Clinic.engine.assess(v.intake, findings: v.findings)
        #expect(a.candidates.first?.id == v.expectedTop, "\(id): \(a.candidates.prefix(3).map { "\($0.id) \($0.score)" })")
        #expect(a.candidates.first?.level != .unlikely)
        #expect(Set(a.redFlags.map(\.id)) == Set(v.expectedRedFlags), "\(id)")
        #expect(a.unknownAnswers.isEmpty, "\(id): \(a.unknownAnswers.map(\.value))")
    }

    @Test("Measured findings decide the vignettes built for it: without them another candidate leads")
    func findingsDecide() throws {
        for id in ["palatal-found-by-recording", "hypnic-found-by-recording"] {
            let v = try #require(Self.vignettes.first { $0.id == id })
            #expect(v.findings != nil)
            #expect(Clinic.engine.assess(v.intake, findings: v.findings).candidates.first?.id == v.expectedTop)
            #expect(Clinic.engine.assess(v.intake).candidates.first?.id != v.expectedTop, "\(id) does not need its findings")
        }
    }

    @Test("Evaluation: top-1 and top-3 accuracy")
    func evaluation() {
        let e = VignetteEvaluation(vignettes: Self.vignettes, engine: Clinic.engine)
        print(e.report())
        #expect(e.top1Accuracy == 1)
        #expect(e.top3Accuracy >= e.top1Accuracy)
    }
}
