from simulacion.taller import main

main()
