import GantryInterchange
import Testing

@Suite struct FormatSnifferTests {
    @Test func tellsFormatsFromTheirFirstBytesNotTheirNames() throws {
        #expect(try FormatSniffer.format(of: Array("ERMHDR\t18.8\t2020-01-01".utf8)) == .xer)
        let mspdi = "<?xml version=\"1.0\"?>\n<!-- saved -->\n<Project xmlns=\"http://schemas.microsoft.com/project\">"
        #expect(try FormatSniffer.format(of: Array(mspdi.utf8)) == .mspdi)
        #expect(try FormatSniffer.format(of: Array("<?xml version=\"1.0\"?><APIBusinessObjects xmlns=\"x\">".utf8)) == .p6xml)
        #expect(try FormatSniffer.format(of: Array("<project name=\"a\" version=\"3\">".utf8)) == .ganttProject)
    }

    @Test func namesWhatIsWrongWithAFileItCannotRead() {
        #expect(throws: InterchangeError.self) { try FormatSniffer.format(of: Array("<Project xmlns=\"urn:other\">".utf8)) }
        do {
            _ = try FormatSniffer.format(of: Array("<?xml version=\"1.0\"?>\n\n<Schedule/>".utf8))
            Issue.record("an unknown root element was accepted")
        } catch {
            #expect(error.element == "Schedule")
            #expect(error.line == 3)
        }
        #expect(throws: InterchangeError.self) { try FormatSniffer.format(of: [0xD0, 0xCF, 0x11, 0xE0, 0, 0]) }
        #expect(throws: InterchangeError.self) { try FormatSniffer.format(of: Array("name,start\n".utf8)) }
    }
}
