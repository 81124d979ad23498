import Testing
@testable import MyoClinic

@Test func moduleVersionIsSemantic() {
    #expect(MyoClinicModule.version.split(separator: ".").count == 3)
}
