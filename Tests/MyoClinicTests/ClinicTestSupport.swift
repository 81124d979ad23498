import Foundation
import MyoTestSupport
@testable import MyoClinic

/// The bundled knowledge base and an engine over it, loaded once for every test.
enum Clinic {
    static let knowledge: KnowledgeBase = {
        do { return try KnowledgeBase.bundled() } catch { fatalError("the bundled knowledge base does not load: \(error)") }
    }()
    static let engine = AssessmentEngine(knowledge: knowledge)

    static func intake(_ json: String) throws -> Intake { try Intake.parse(json, file: "test.json") }

    static var vignettePath: String { SharedData.repoPath("Tests/Fixtures/vignettes/vignettes.json") }

    /// The candidate ids the issue names, in its order.
    static let requiredCandidates = [
        "physiological.hypnic", "physiological.hiccups", "physiological.startle", "epileptic.jme", "epileptic.lgs",
        "epileptic.other", "secondary.drug", "secondary.toxin", "secondary.substance", "secondary.metabolic",
        "secondary.hypoxic", "secondary.stroke", "secondary.degenerative", "secondary.genetic", "secondary.infectious",
        "secondary.autoimmune", "secondary.injury", "essential", "form.bnsm", "form.middleEar", "form.oms", "form.palatal",
    ]
}
